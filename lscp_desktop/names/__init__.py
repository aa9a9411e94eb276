"""Real names never leave: the names to keep out of every document (each child's real name and
the names listed in Settings), normalised matching, and which free text each document prints.
Below the meeting and the review rules (approval runs the check) and the document writers."""
