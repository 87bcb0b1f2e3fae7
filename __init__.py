"""te-navigator: the Porvoo employment area's bilingual service navigator.

The repository's top-level folders (tui/, models/, locales/, seed/) install as the subpackages of this one
package, so nothing but `te_navigator` lands at the top level of site-packages.
"""


def __getattr__(name: str) -> str:
    # Looked up only when asked (--version): importlib.metadata costs a start-up more than the first paint does.
    if name != "__version__":
        raise AttributeError(name)
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("te-navigator")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"
