"""Web input, read and parsed: one module of Django forms per area of the site.

A view builds its form from request.POST (or request.GET for filters) and takes the parsed
values from `form.values()`; a bad value is an InvalidInput naming its field, which the view
shows as it shows a service's mistake. See base.py for the shared fields."""
