"""Signing in to the admin safely: a second factor from an authenticator app, recovery
codes, and the lockout (django-axes) that counts wrong passwords and wrong codes alike."""
