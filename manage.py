#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018 - load the settings once, to report a missing variable
    except ImproperlyConfigured as error:
        # The production settings refuse to start without their variables: say which, plainly.
        sys.exit(f"{error} See the configuration table in README.md.")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
