"""Custom actions for Assistansguiden (rasa-sdk): thin adapters over rules and registry."""

from privacy.logs import install_log_masking

# The action server imports this package first: from then on its logs are masked.
install_log_masking()
