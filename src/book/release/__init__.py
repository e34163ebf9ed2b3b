"""The RELEASE: the files of one edition, validated, reproducible and checksummed.

In: the run's context (release gate on) and the process environment (a version tag
from CI). Out: a :class:`~book.release.publish.Release`: the EPUB, PDF, cover,
manifest and ``SHA256SUMS`` in the output folder, written only when every check,
a second build in a fresh process and every validator agreed.
"""

from book.release.publish import Release, release

__all__ = ["Release", "release"]
