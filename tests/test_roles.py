"""Actor and target of an attack read from the parse (core/roles.py)."""

import pytest

from summarize.core.roles import Roles, attack_roles


@pytest.mark.parametrize(
    ("sentence", "roles"),
    [
        ("Guerrillas attacked a police post in the north.", Roles("Guerrillas", "police post")),
        ("The mayor was shot dead by two gunmen on Friday.", Roles("two gunmen", "mayor")),
        ("Rebels kidnapped a bishop and two nuns.", Roles("Rebels", "bishop and two nuns")),
        # a weapon is not the actor, a pronoun names no one
        ("A bomb damaged the offices of the newspaper.", Roles(None, "offices of the newspaper")),
        ("It killed nine.", Roles(None, "nine")),
        ("The minister visited the port.", Roles()),
    ],
)
def test_roles_of_the_first_attack_verb(sentence: str, roles: Roles) -> None:
    assert attack_roles(sentence) == roles
