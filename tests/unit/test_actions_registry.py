"""The action server serves exactly the custom actions the domain declares."""

from __future__ import annotations

from rasa_sdk.executor import ActionExecutor

# Actions Rasa runs itself (the form) even though they are listed in the domain.
BUILT_IN = {"eligibility_form"}


def test_every_domain_action_is_served_and_nothing_else(domain):
    executor = ActionExecutor()
    executor.register_package("actions")
    served = set(executor.actions)
    declared = {a for a in domain["actions"] if not a.startswith("utter_")} - BUILT_IN
    assert declared == served
