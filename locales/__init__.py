"""gettext catalogs: <lang>/LC_MESSAGES/te_navigator.po (this file only makes the folder installable)."""
