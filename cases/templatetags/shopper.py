from __future__ import annotations

from typing import Any

from django import forms, template

register = template.Library()


@register.filter
def error_links(form: Any) -> list[tuple[str, str]]:
    """(field id, message) for the error summary at the top of a page; works for formsets."""
    if isinstance(form, forms.BaseFormSet):
        links = [("", str(message)) for message in form.non_form_errors()]
        for sub in form.forms:
            links.extend(error_links(sub))
        return links
    links = [("", str(message)) for message in form.non_field_errors()]
    for name, errors in form.errors.items():
        if name == "__all__" or name not in form.fields:
            continue
        bound = form[name]
        anchor = bound.id_for_label or bound.auto_id
        if isinstance(form.fields[name].widget, forms.RadioSelect):
            anchor = f"{bound.auto_id}-group"
        links.extend((anchor, str(message)) for message in errors)
    return links
