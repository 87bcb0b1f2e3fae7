"""The `te-navigator` command line, apart from the screens: it never imports Textual except to open the app."""
