"""The resource library's pages. The list and a public resource's page work without
signing in (the public extranet links to them); everything else needs an account."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.forms import add_errors
from tandem.http import AuthenticatedHttpRequest, posted_data
from tandem.organisations.models import Organisation
from tandem.paging import page_of
from tandem.resources import selectors, services
from tandem.resources.forms import FeedbackForm, ResourceFilterForm, ResourceForm, WithdrawForm
from tandem.resources.models import ResourceFeedback
from tandem.resources.policy import (
    can_add_resources,
    can_give_feedback,
    can_manage_resource,
    get_resource_for_user,
    holders_for_user,
)
from tandem.resources.tags import tag_title

PAGE_SIZE = 25


@require_GET
def resource_list(request: HttpRequest) -> HttpResponse:
    """Current resources the visitor may read: public ones for everyone, and their
    organisations' and partnerships' for members."""
    user = request.user
    organisations = (
        Organisation.objects.with_member(user).only("uuid", "name")
        if user.is_authenticated
        else Organisation.objects.none()
    )
    form = ResourceFilterForm(request.GET or None, organisations=organisations)
    filters = form.filters()
    page = page_of(request, selectors.resource_list(user, filters), per_page=PAGE_SIZE)
    context = {
        "form": form,
        "page": page,
        "is_searching": bool(filters.text.strip()),
        "can_add": can_add_resources(user),
    }
    return render(request, "resources/resource_list.html", context)


def _form_for(request: AuthenticatedHttpRequest, **kwargs: object) -> ResourceForm:
    organisations, partnerships = holders_for_user(request.user)
    return ResourceForm(
        posted_data(request),
        request.FILES or None,
        organisations=organisations,
        partnerships=partnerships,
        **kwargs,
    )


@require_http_methods(["GET", "POST"])
@login_required
def resource_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_add_resources(request.user):
        raise PermissionDenied
    form = _form_for(request)
    if request.method == "POST" and form.is_valid():
        try:
            resource = services.create_resource(
                actor=request.user,
                tags=form.chosen_tags(),
                **form.holder_kwargs(),  # type: ignore[arg-type]
                **form.resource_data(),
            )
        except (ValidationError, PermissionError) as error:
            add_errors(
                form, error if isinstance(error, ValidationError) else ValidationError(str(error))
            )
        else:
            messages.success(request, f"Resource “{resource.title}” added.")
            return redirect(resource)
    return render(request, "resources/resource_form.html", {"form": form})


@require_GET
def resource_detail(request: HttpRequest, resource_uuid: UUID) -> HttpResponse:
    """Anyone reads a public resource; a private one is 404 to those it is not shared with."""
    resource = get_resource_for_user(request.user, resource_uuid)
    mine = (
        ResourceFeedback.objects.filter(resource=resource, user=request.user).first()
        if request.user.is_authenticated
        else None
    )
    context = {
        "resource": resource,
        "tags": [(tag, tag_title(tag.kind, tag.key)) for tag in resource.tags.all()],
        "can_manage": can_manage_resource(request.user, resource),
        "feedback_form": FeedbackForm(instance=mine)
        if can_give_feedback(request.user, resource)
        else None,
        "my_feedback": mine,
        "summary": selectors.feedback_summary(resource),
    }
    return render(request, "resources/resource_detail.html", context)


@require_GET
def resource_download(request: HttpRequest, resource_uuid: UUID) -> HttpResponseBase:
    """Serve the resource's file through the policy: uploads are never in the web root."""
    resource = get_resource_for_user(request.user, resource_uuid)
    if not resource.file or resource.is_withdrawn:
        raise Http404
    return FileResponse(resource.file.open("rb"), as_attachment=True, filename=resource.file_name)


@require_http_methods(["GET", "POST"])
@login_required
def resource_edit(request: AuthenticatedHttpRequest, resource_uuid: UUID) -> HttpResponse:
    resource = get_resource_for_user(request.user, resource_uuid, write=True)
    form = _form_for(request, instance=resource)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_resource(
                actor=request.user,
                resource=resource,
                data=form.resource_data(),
                tags=form.chosen_tags(),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Resource updated.")
            return redirect(resource)
    return render(request, "resources/resource_form.html", {"form": form, "resource": resource})


@require_http_methods(["GET", "POST"])
@login_required
def resource_withdraw(request: AuthenticatedHttpRequest, resource_uuid: UUID) -> HttpResponse:
    """Ask first, then withdraw: the resource leaves every list, and links say so."""
    resource = get_resource_for_user(request.user, resource_uuid, write=True)
    form = WithdrawForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw_resource(
                actor=request.user, resource=resource, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Resource withdrawn. You can restore it from its page.")
            return redirect(resource)
    return render(request, "resources/withdraw_form.html", {"form": form, "resource": resource})


@require_POST
@login_required
def resource_restore(request: AuthenticatedHttpRequest, resource_uuid: UUID) -> HttpResponse:
    resource = get_resource_for_user(request.user, resource_uuid, write=True)
    try:
        services.restore_resource(actor=request.user, resource=resource)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Resource restored to the library.")
    return redirect(resource)


@require_POST
@login_required
def resource_feedback(request: AuthenticatedHttpRequest, resource_uuid: UUID) -> HttpResponse:
    resource = get_resource_for_user(request.user, resource_uuid)
    mine = ResourceFeedback.objects.filter(resource=resource, user=request.user).first()
    form = FeedbackForm(request.POST, instance=mine)
    if form.is_valid():
        try:
            services.give_feedback(
                actor=request.user,
                resource=resource,
                is_useful=form.cleaned_data["is_useful"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Thank you: your answer is saved. You can change it.")
            return redirect(resource)
    context = {"resource": resource, "feedback_form": form}
    return render(request, "resources/feedback_form.html", context, status=200)
