"""Settings shared by every test."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# Property tests judge results, not speed: on a slow or busy machine (CI's 2 cores running AppTest
# beside them) a per-example deadline only makes them flaky. HYPOTHESIS_PROFILE=dev keeps it.
settings.register_profile("default", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", deadline=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
