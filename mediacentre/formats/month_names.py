"""Month names the date formats use, marked so that `make messages` keeps them.

Django's own Kazakh catalogue capitalises months ("Қараша") and its Kyrgyz one does
too; running text writes them in lower case ("2005 ж. 19 қараша"), so the project's
kk and ky catalogues translate these msgids again. Nothing imports this module.
"""

from django.utils.translation import pgettext_lazy

MONTHS_IN_DATES = [
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
]
