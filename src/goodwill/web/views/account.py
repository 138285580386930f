"""Logging in and out. Failed logins are counted by django-axes (AXES_* settings)."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from goodwill.web.auth import local_login_allowed


class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["local_login"] = local_login_allowed(self.request)
        return context


@require_POST
def logout(request):
    from django.contrib.auth import logout as end_session

    end_session(request)
    return redirect("web:login")
