from django.urls import path

from tandem.research.views import analysis, coding, interchange, studies

app_name = "research"

urlpatterns = [
    path("", studies.study_list, name="study-list"),
    path("<uuid:study_uuid>/", studies.study_detail, name="study-detail"),
    path(
        "<uuid:study_uuid>/documents/<uuid:document_uuid>/",
        studies.document_detail,
        name="document-detail",
    ),
    # rsdata: setting up a study, its team, strands, participants and data; consent.
    path("new/", studies.study_create, name="study-create"),
    path("<uuid:study_uuid>/edit/", studies.study_edit, name="study-edit"),
    path("<uuid:study_uuid>/status/", studies.study_status, name="study-status"),
    path("<uuid:study_uuid>/team/", studies.team, name="team"),
    path(
        "<uuid:study_uuid>/team/<uuid:member_uuid>/role/",
        studies.member_role,
        name="member-role",
    ),
    path(
        "<uuid:study_uuid>/team/<uuid:member_uuid>/remove/",
        studies.member_remove,
        name="member-remove",
    ),
    path("<uuid:study_uuid>/strands/", studies.strands, name="strands"),
    path(
        "<uuid:study_uuid>/strands/<uuid:strand_uuid>/edit/",
        studies.strand_edit,
        name="strand-edit",
    ),
    path(
        "<uuid:study_uuid>/strands/<uuid:strand_uuid>/move/",
        studies.strand_move,
        name="strand-move",
    ),
    path(
        "<uuid:study_uuid>/strands/<uuid:strand_uuid>/remove/",
        studies.strand_remove,
        name="strand-remove",
    ),
    path("<uuid:study_uuid>/participants/", studies.participants, name="participants"),
    path(
        "<uuid:study_uuid>/participants/<uuid:participant_uuid>/edit/",
        studies.participant_edit,
        name="participant-edit",
    ),
    path(
        "<uuid:study_uuid>/participants/<uuid:participant_uuid>/import-records/",
        studies.participant_import_records,
        name="participant-import-records",
    ),
    path(
        "<uuid:study_uuid>/participants/<uuid:participant_uuid>/withdraw/",
        studies.participant_withdraw,
        name="participant-withdraw",
    ),
    path("<uuid:study_uuid>/documents/new/", studies.document_upload, name="document-upload"),
    path(
        "<uuid:study_uuid>/documents/<uuid:document_uuid>/edit/",
        studies.document_edit,
        name="document-edit",
    ),
    path(
        "<uuid:study_uuid>/documents/<uuid:document_uuid>/replace-text/",
        studies.document_replace_text,
        name="document-replace-text",
    ),
    path(
        "<uuid:study_uuid>/documents/<uuid:document_uuid>/review/",
        studies.document_review,
        name="document-review",
    ),
    path("taking-part/", studies.my_research, name="my-research"),
    path("taking-part/<uuid:participant_uuid>/", studies.participation, name="participation"),
    path(
        "taking-part/<uuid:participant_uuid>/withdraw/",
        studies.participation_withdraw,
        name="participation-withdraw",
    ),
    # rsqdpx: REFI-QDA interchange (export .qdpx/.qdc, import a codebook or a project)
    path("<uuid:study_uuid>/interchange/", interchange.interchange_page, name="interchange"),
    path(
        "<uuid:study_uuid>/interchange/project.qdpx",
        interchange.export_project,
        name="interchange-export-project",
    ),
    path(
        "<uuid:study_uuid>/interchange/codebook.qdc",
        interchange.export_codebook,
        name="interchange-export-codebook",
    ),
    path(
        "<uuid:study_uuid>/interchange/import-codebook/",
        interchange.import_codebook,
        name="interchange-import-codebook",
    ),
    path(
        "<uuid:study_uuid>/interchange/import-codebook/confirm/",
        interchange.import_codebook_confirm,
        name="interchange-import-codebook-confirm",
    ),
    path("import-project/", interchange.import_project, name="interchange-import-project"),
    path(
        "import-project/confirm/",
        interchange.import_project_confirm,
        name="interchange-import-project-confirm",
    ),
    # rsanalysis: constant comparison, frequencies, themes, agreement, case summaries, report
    path("<uuid:study_uuid>/analysis/", analysis.analysis_home, name="analysis-home"),
    path(
        "<uuid:study_uuid>/analysis/similar/",
        analysis.similar_segments,
        name="analysis-similar",
    ),
    path(
        "<uuid:study_uuid>/analysis/merge-suggestions/",
        analysis.merge_suggestions,
        name="analysis-merge-suggestions",
    ),
    path(
        "<uuid:study_uuid>/analysis/frequencies/",
        analysis.frequencies,
        name="analysis-frequencies",
    ),
    path("<uuid:study_uuid>/analysis/themes/", analysis.theme_list, name="analysis-theme-list"),
    path(
        "<uuid:study_uuid>/analysis/themes/new/",
        analysis.theme_edit,
        name="analysis-theme-create",
    ),
    path(
        "<uuid:study_uuid>/analysis/themes/<uuid:theme_uuid>/edit/",
        analysis.theme_edit,
        name="analysis-theme-edit",
    ),
    path(
        "<uuid:study_uuid>/analysis/themes/<uuid:theme_uuid>/quotes/",
        analysis.theme_quotes,
        name="analysis-theme-quotes",
    ),
    path(
        "<uuid:study_uuid>/analysis/themes/<uuid:theme_uuid>/move/",
        analysis.theme_move,
        name="analysis-theme-move",
    ),
    path(
        "<uuid:study_uuid>/analysis/themes/<uuid:theme_uuid>/delete/",
        analysis.theme_delete,
        name="analysis-theme-delete",
    ),
    path("<uuid:study_uuid>/analysis/agreement/", analysis.agreement, name="analysis-agreement"),
    path(
        "<uuid:study_uuid>/analysis/agreement/disagreements/",
        analysis.disagreements,
        name="analysis-disagreements",
    ),
    path("<uuid:study_uuid>/analysis/cases/", analysis.case_list, name="analysis-case-list"),
    path(
        "<uuid:study_uuid>/analysis/cases/<uuid:participant_uuid>/",
        analysis.case_edit,
        name="analysis-case-edit",
    ),
    path("<uuid:study_uuid>/analysis/report/", analysis.report, name="analysis-report"),
    path(
        "<uuid:study_uuid>/analysis/report/findings.pdf",
        analysis.report_download,
        {"file_format": "pdf"},
        name="analysis-report-pdf",
    ),
    path(
        "<uuid:study_uuid>/analysis/report/findings.docx",
        analysis.report_download,
        {"file_format": "docx"},
        name="analysis-report-docx",
    ),
    # rscoding: the codebook, coding passes, coding a document, memos
    path("<uuid:study_uuid>/codes/", coding.codebook, name="codebook"),
    path("<uuid:study_uuid>/codes/new/", coding.code_create, name="code-create"),
    path("<uuid:study_uuid>/codes/<uuid:code_uuid>/", coding.code_detail, name="code-detail"),
    path("<uuid:study_uuid>/codes/<uuid:code_uuid>/edit/", coding.code_edit, name="code-edit"),
    path("<uuid:study_uuid>/codes/<uuid:code_uuid>/merge/", coding.code_merge, name="code-merge"),
    path(
        "<uuid:study_uuid>/codes/<uuid:code_uuid>/delete/", coding.code_delete, name="code-delete"
    ),
    path("<uuid:study_uuid>/passes/", coding.pass_list, name="pass-list"),
    path("<uuid:study_uuid>/passes/start/", coding.pass_start, name="pass-start"),
    path(
        "<uuid:study_uuid>/passes/<uuid:pass_uuid>/finish/", coding.pass_finish, name="pass-finish"
    ),
    path("<uuid:study_uuid>/documents/<uuid:document_uuid>/code/", coding.coding, name="coding"),
    path(
        "<uuid:study_uuid>/documents/<uuid:document_uuid>/code/apply/",
        coding.segment_apply,
        name="segment-apply",
    ),
    path(
        "<uuid:study_uuid>/segments/<uuid:segment_uuid>/edit/",
        coding.segment_edit,
        name="segment-edit",
    ),
    path(
        "<uuid:study_uuid>/segments/<uuid:segment_uuid>/remove/",
        coding.segment_remove,
        name="segment-remove",
    ),
    path("<uuid:study_uuid>/memos/", coding.memo_list, name="memo-list"),
    path("<uuid:study_uuid>/memos/new/", coding.memo_create, name="memo-create"),
    path("<uuid:study_uuid>/memos/<uuid:memo_uuid>/edit/", coding.memo_edit, name="memo-edit"),
    path(
        "<uuid:study_uuid>/memos/<uuid:memo_uuid>/delete/", coding.memo_delete, name="memo-delete"
    ),
    # (end of rscoding paths)
]
