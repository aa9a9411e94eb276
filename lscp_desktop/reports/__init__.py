"""Documents the app writes for people outside it: PDFs and Word files, pseudonymised."""
