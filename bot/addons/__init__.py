"""Rasa-server components of Assistansguiden (named in bot/config.yml's pipeline).

Rasa imports this package whenever it loads the model, in every configuration, so the
action-server fallback is installed here too.
"""

from components.action_fallback import install_action_server_fallback

install_action_server_fallback()
