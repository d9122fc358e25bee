from __future__ import annotations

import pytest

from tests.law.factories import Factory, make_provider


@pytest.fixture
def provider() -> Factory:
    return make_provider
