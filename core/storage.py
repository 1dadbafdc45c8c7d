"""Static files storage: whitenoise's compressed manifest storage, with its URLs remembered.

Every page asks for the same few static URLs (the CSS, the JavaScript, the favicon);
working each out from the manifest costs about 50 microseconds. The manifest cannot
change while a process runs (`collectstatic` comes before the start), so each URL is
worked out once per process.
"""

import functools

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.url = functools.lru_cache(maxsize=512)(self.url)
