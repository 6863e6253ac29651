"""Every privacy view's permission-matrix rows, gathered for the coverage check
(tandem/tests/test_matrix_coverage.py); each topic's module runs its own cases."""

from tandem.privacy.tests.test_permission_matrix_audit import AUDIT_CASES
from tandem.privacy.tests.test_permission_matrix_consent import CONSENT_CASES

CASES = [*AUDIT_CASES, *CONSENT_CASES]
