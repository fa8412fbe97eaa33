"""Login throttling (django-axes): the admin's login locks a user name out, from that address, after five
failures, with a page in Chinese, until the cool-off has passed."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

PASSWORD = "x-secret-password"  # conftest.persona / superuser
LOGIN = reverse("admin:login")


@pytest.fixture(autouse=True)
def throttling(settings):
    """Axes as in production (the test settings turn it off for client.login)."""
    settings.AXES_ENABLED = True


def attempt(client, username, password, address="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=address)


def fail(client, username, times, address="203.0.113.7"):
    return [attempt(client, username, "wrong-password", address) for _ in range(times)]


def test_four_failures_still_show_the_login_form(client, superuser):
    for response in fail(client, superuser.username, 4):
        assert response.status_code == 200
        assert "请输入正确的用户名和密码" in response.content.decode()  # the admin's own "wrong password" message
    assert attempt(client, superuser.username, PASSWORD).status_code == 302  # logged in


def test_fifth_failure_locks_out_with_a_chinese_page(client, superuser):
    *_, fifth = fail(client, superuser.username, 5)
    assert fifth.status_code == 429
    page = fifth.content.decode()
    assert "登录已暂时锁定" in page
    assert "连续5次登录失败" in page
    assert "请在30分钟后再试" in page
    assert "Content-Security-Policy" in fifth  # the lockout page carries the security headers too


def test_locked_out_user_cannot_log_in_even_with_the_right_password(client, superuser):
    fail(client, superuser.username, 5)
    response = attempt(client, superuser.username, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index")).status_code == 302  # to the login page


def test_lockout_is_per_user_name_and_address(client, superuser, reviewer):
    """Colleagues behind the same address, and the same user elsewhere, can still log in."""
    fail(client, superuser.username, 5)
    assert attempt(client, reviewer.username, PASSWORD).status_code == 302
    client.logout()
    assert attempt(client, superuser.username, PASSWORD, address="198.51.100.20").status_code == 302


def test_user_can_log_in_again_after_the_cool_off(client, superuser):
    fail(client, superuser.username, 5)
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=31))
    assert attempt(client, superuser.username, PASSWORD).status_code == 302


def test_a_successful_login_starts_the_count_again(client, superuser):
    fail(client, superuser.username, 4)
    assert attempt(client, superuser.username, PASSWORD).status_code == 302
    client.logout()
    assert all(response.status_code == 200 for response in fail(client, superuser.username, 4))
