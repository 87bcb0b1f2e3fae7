"""te-navigator: the Porvoo employment area's bilingual service navigator.

The repository's top-level folders (tui/, models/, locales/, seed/) install as the subpackages of this one
package, so nothing but `te_navigator` lands at the top level of site-packages.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("te-navigator")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
