"""The Qt user interface. Everything that imports Qt lives under here."""
