"""Demo content for the media centre, loaded by `python manage.py load_demo`.

Nothing here reads files at run time: the words live in content/, the pictures are drawn
by images.py, and builder.py puts them into the database.
"""
