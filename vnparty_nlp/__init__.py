"""vnparty_nlp: Vietnamese Communist Party news articles → structured, searchable records."""

__version__ = "0.1.0"
