from __future__ import annotations

import pytest

from tests.rules.factories import Factory, make_provider


@pytest.fixture
def provider() -> Factory:
    return make_provider
