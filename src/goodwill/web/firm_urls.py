"""The firm's pages (docs/firm.md), added to the web app's urlpatterns (web/urls.py).

Every view here acts for request.owner and asks queries.firm_access what that user may see."""

from django.urls import path

from goodwill.web.views import firm_accounts, firm_admin, firm_insight, firm_requests, firm_who

firm_urlpatterns = [
    # Who knows whom (firm_who): search a person or an organization across colleagues.
    path("firm/", firm_who.who_knows, name="firm"),
    # What colleagues see of my contacts (firm_admin): my default and circles, one person.
    path("settings/sharing", firm_admin.save_sharing, name="settings-sharing"),
    path("people/<int:person_id>/sharing", firm_admin.person_sharing, name="person-sharing"),
    # Members and teams (firm_admin): admins only.
    path("firm/members/", firm_admin.members, name="firm-members"),
    path("firm/members/<int:user_id>", firm_admin.member, name="firm-member"),
    path("firm/teams/", firm_admin.teams, name="firm-teams"),
    path("firm/teams/<int:team_id>/remove", firm_admin.remove_team, name="firm-team-remove"),
    # Warm introductions through colleagues (firm_requests).
    path("firm/requests/", firm_requests.requests_page, name="firm-requests"),
    path("firm/requests/new", firm_requests.ask, name="firm-ask"),
    path("firm/requests/<int:request_id>/answer", firm_requests.answer, name="firm-request-answer"),
    path("firm/requests/<int:request_id>/reply", firm_requests.reply, name="firm-request-reply"),
    path("firm/requests/<int:request_id>/withdraw", firm_requests.withdraw, name="firm-request-withdraw"),
    # Key relationships and departures (firm_accounts).
    path("firm/accounts/", firm_accounts.accounts, name="firm-accounts"),
    path("firm/accounts/<int:account_id>/", firm_accounts.account, name="firm-account"),
    path("firm/accounts/<int:account_id>/remove", firm_accounts.remove, name="firm-account-remove"),
    path("firm/handover/", firm_accounts.handover, name="firm-handover"),
    path("firm/departures/", firm_accounts.departures, name="firm-departures"),
    # The firm's momentum and balance sheet (firm_insight): partners.
    path("firm/momentum/", firm_insight.momentum, name="firm-momentum"),
    path("firm/balance/", firm_insight.balance, name="firm-balance"),
]
