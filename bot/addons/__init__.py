"""Python that the Rasa server loads: channel connectors, NLU components, tracker stores.

Rasa has no start-up hook of its own; it imports this package first whenever it reads
config.yml's pipeline, credentials.yml or endpoints.yml, in every configuration. So this is
where the Rasa server's process starts for us, and its start-up steps are called here,
explicitly: every log record masked, the action-server fallback installed, and the action
server's replies checked once per event kind (action_result.py).
"""

from assistansguiden.privacy.logs import install_log_masking
from bot.addons.action_fallback import install_action_server_fallback
from bot.addons.action_result import install_quick_action_result_check

install_log_masking()
install_action_server_fallback()
install_quick_action_result_check()
