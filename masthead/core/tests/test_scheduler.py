"""``masthead scheduler``: its arguments."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command


@pytest.mark.parametrize("value", ["0", "-5", "nan", "inf", "1e12", "soon"])
def test_scheduler_refuses_an_interval_it_cannot_wait(value: str) -> None:
    """``--interval`` takes a number of seconds above zero, at most a day, or says so.

    Before, 0 fell back to the default unsaid, a negative or NaN interval ran
    publish_scheduled in a busy loop, and inf or 1e12 failed with a traceback after the first run.
    """
    with pytest.raises(CommandError, match="interval"):
        call_command("scheduler", "--once", f"--interval={value}")
