"""Replaying closed questions' verdicts on the current code, from an evaluation's replies."""

from __future__ import annotations

import json

from tests.evaluation.replay_verdicts import BLIND, main, replayed

# A closed question of a blind set, its reply holding the expected fact (« petite enfance »)
# with the verdict an older code gave; and one whose reply lacks the fact (not replayed).
PLAYED = {"conversations": [
    {"name": "v-004-192-polynesiens-mediatheque-faux", "category": "in_scope", "today": None, "turns": [
        {"user": "La délégation polynésienne a-t-elle visité la médiathèque de Suresnes ?",
         "reply": "Oui. Délégations accueillies : une délégation polynésienne a visité la Maison de la petite "
                  "enfance ; une délégation chinoise a découvert la politique culturelle et visité la "
                  "médiathèque.\nSource : Ville de Suresnes.", "failures": []}]},
    {"name": "v-004-199-chinois-petite-enfance-faux", "category": "in_scope", "today": None, "turns": [
        {"user": "La délégation chinoise a-t-elle visité la Maison de la petite enfance ?",
         "reply": "Oui. La ville accueille des délégations.\nSource : Ville de Suresnes.", "failures": []}]},
]}


def test_a_verdict_is_read_again_on_the_reply_and_counted(tmp_path, capsys):
    (tmp_path / "scenarios.json").write_text(json.dumps(PLAYED), encoding="utf-8")
    suresnes = BLIND / "v" / "004_suresnes.yml"
    rows = replayed([tmp_path], [suresnes])
    assert [(name, want, given.rstrip("."), now.rstrip(".")) for name, _q, want, given, now in rows] == [
        ("v-004-192-polynesiens-mediatheque-faux", "Non", "Oui", "Non")]
    assert main([str(tmp_path), "--sets", str(suresnes)]) == 0
    printed = capsys.readouterr().out
    assert "rejouées (fait juste) : 1" in printed and "gagnés 1, perdus 0" in printed
