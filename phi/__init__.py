"""PHI detection and scrubbing for ticket text.

tldextract, which Presidio's email recognizer imports, builds its default
extractor at import time and would fetch the public suffix list over HTTP
on first use. An empty URL list, set here before any Presidio import in
this package, makes it use the snapshot bundled with the package instead.
"""

import os

os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
