"""The programme vocabulary (DESIGN.md): approaches, model dimensions and mentor styles.

Every value is a Framework key (`tandem.framework.keys`) and every label its Framework
title; code names a value by the key enum's member, for example `keys.Approach.MENTORING`.
"""

from tandem.framework import keys
from tandem.framework.choices import text_choices

Approach = text_choices(keys.Approach)
GroupFormat = text_choices(keys.GroupFormat)
Pairing = text_choices(keys.Pairing)
SectorMix = text_choices(keys.SectorMix)
MentorSource = text_choices(keys.MentorSource)
MentorStyle = text_choices(keys.MentorStyle)

# The keys a goal or learning agreement may be tagged with: the ten principles (seed 003)
# and the effective features (seed 002 §4.3-4.4).
PRINCIPLE_KEYS = frozenset(keys.Principle)
EFFECTIVE_FEATURE_KEYS = frozenset(keys.EffectiveFeature)
FRAMEWORK_KEYS = PRINCIPLE_KEYS | EFFECTIVE_FEATURE_KEYS
