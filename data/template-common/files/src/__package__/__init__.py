# The docstring repeats pyproject.toml's description on one line, however long the description is.
"""{{projectName}}: {{description}}"""  # noqa: E501

__version__ = "0.1.0"
