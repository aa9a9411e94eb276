"""The desktop interface (Qt widgets only); it calls the domain modules, never the reverse."""
