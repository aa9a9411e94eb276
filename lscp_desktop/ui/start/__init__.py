"""Start-up: the thread ahead, the opening frame, the unlock, the first screen, the start check."""
