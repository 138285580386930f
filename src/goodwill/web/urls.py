"""The web app's pages. Every view acts for request.owner (see goodwill.web.auth)."""
from django.urls import path

from goodwill.web.views import account, imports, insight, log, people, review, serving, settings_page, today

app_name = "web"

urlpatterns = [
    path("", today.today, name="today"),
    path("login/", account.LoginView.as_view(), name="login"),
    path("logout/", account.logout, name="logout"),
    path("first-run/dismiss", today.checklist_dismiss, name="checklist-dismiss"),
    path("steps/<int:step_id>/done", today.step_done, name="step-done"),
    path("steps/<int:step_id>/drop", today.step_drop, name="step-drop"),
    path("steps/<int:step_id>/snooze", today.step_snooze, name="step-snooze"),
    path("people/", people.people, name="people"),
    path("people/pick", log.person_options, name="person-options"),
    path("people/<int:person_id>/", people.person, name="person"),
    path("people/<int:person_id>/snooze", today.person_snooze, name="person-snooze"),
    path("people/<int:person_id>/replied", today.person_replied, name="person-replied"),
    path("people/<int:person_id>/notes", people.add_note, name="person-note"),
    path("people/<int:person_id>/steps", people.add_step, name="person-step"),
    path("people/<int:person_id>/rhythm", people.set_rhythm, name="person-rhythm"),
    path("log/", log.quick_log, name="log"),
    path("log/promises", log.promises_preview, name="log-promises"),
    path("log/inline", log.inline_form, name="log-inline"),
    path("review/", review.review, name="review"),
    path("review/act", review.review_act, name="review-act"),
    path("review/finish", review.review_finish, name="review-finish"),
    path("momentum/", insight.momentum, name="momentum"),
    path("near/", insight.near, name="near"),
    path("import/", imports.import_page, name="import"),
    path("import/preview", imports.import_preview, name="import-preview"),
    path("import/apply", imports.import_apply, name="import-apply"),
    path("import/<int:batch_id>/undo", imports.import_undo, name="import-undo"),
    path("pass-on/", serving.pass_on_page, name="pass-on"),
    path("pass-on/share", serving.pass_on_share, name="pass-on-share"),
    path("intros/", serving.intros_page, name="intros"),
    path("intros/propose", serving.intro_propose, name="intro-propose"),
    path("intros/<int:intro_id>/answer", serving.intro_answer, name="intro-answer"),
    path("intros/<int:intro_id>/outcome", serving.intro_outcome, name="intro-outcome"),
    path("ledger/", serving.ledger_page, name="ledger"),
    path("ledger/add", serving.ledger_add, name="ledger-add"),
    path("ledger/<int:entry_id>/status", serving.ledger_status, name="ledger-status"),
    path("settings/", settings_page.settings_page, name="settings"),
    path("settings/preferences", settings_page.save_preferences, name="settings-preferences"),
    path("settings/circles/<int:circle_id>", settings_page.save_circle, name="settings-circle"),
    path("settings/feed", settings_page.feed, name="settings-feed"),
]
