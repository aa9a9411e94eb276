"""Exporting from the GUI: the Export menu, save dialogs, the real-name check, report dialogs."""
