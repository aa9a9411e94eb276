"""The main window's pages beside the register: action plan, learning themes, search."""
