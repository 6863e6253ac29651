from tandem.accounts.models import User
from tandem.relationships.models import Relationship, RelationshipMember


def require_member(actor: User, relationship: Relationship) -> RelationshipMember:
    member = RelationshipMember.objects.filter(relationship=relationship, user=actor).first()
    if member is None:
        message = "Only members of the relationship may do this."
        raise PermissionError(message)
    if relationship.is_ended:
        message = "This relationship has ended; its record can no longer be changed."
        raise PermissionError(message)
    return member
