"""The rasa-sdk action server: forms, actions and rendering, thin adapters over assistansguiden.

rasa-sdk imports this package first when the action server starts (`rasa run actions
--actions actions`), so its one start-up step is here: every log record is masked from then on.
"""

from assistansguiden.privacy.logs import install_log_masking

install_log_masking()
