"""The statutory deadlines: working days (England and Wales bank holidays), the settings that
move day 0, and each deadline's rule. Qt-free and, below `statutory`, SQLAlchemy-free."""
