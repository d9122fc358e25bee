"""Messaging channels: Rasa's own connectors, configured from the environment.

Each class here subclasses the connector that ships with Rasa 3.6 and changes only what
this assistant needs: secrets come from environment variables (a channel without them
stays off instead of stopping the server), the platform's API address can be pointed
elsewhere (a local stand-in in tests), webhooks are checked where the platform signs them,
and buttons are shown in a form each platform can display.
"""
