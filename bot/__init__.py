"""The Rasa server: config.yml, domain/, credentials.yml, endpoints*.yml; its Python in addons/."""
