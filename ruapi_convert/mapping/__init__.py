"""
ruapi_convert.mapping
~~~~~~~~~~~~~~~~~~~~~

Rule 1: an OpenAI word meets an Anthropic word only in this package.
"""
