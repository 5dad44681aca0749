"""Who says what: claimants resolved from titles, appositions, coordination, offices, outlets
and the cues real reporting uses. Our own sentences, several phrasings per family, each family
with a case its rule must not fire on."""

from __future__ import annotations

from claimledger.records import Claim

from .conftest import claims_by, claims_of

claims = claims_of
by = claims_by


def sides(found: list[Claim], word: str) -> set[str]:
    return {c.claimant.side for c in by(found, word)}


# ---------------------------------------------------------------- offices resolve to people
def test_a_name_closing_a_titled_phrase_is_the_speaker_not_the_office() -> None:
    found = claims("The head of the Kherson Regional Military Administration Oleksandr Prokopenko wrote "
                   "that two people were injured in the shelling.")
    assert sides(found, "Prokopenko") == {"ukraine"}
    assert not by(found, "Administration")
    found = claims("In turn, the UN High Commissioner for Human Rights Jonas Berger stated that the prisoners "
                   "deserve to know the truth.")
    assert sides(found, "Berger") == {"un"}
    found = claims("The U.S. Under Secretary of Defense for Policy Thomas Greer estimated in May that Russia "
                   "had lost up to 90,000 men.")
    assert sides(found, "Greer") == {"united_states"}


def test_a_name_after_a_title_and_a_place_is_a_person_the_tagger_missed() -> None:
    found = claims("Russia used cluster munitions in the attack, outgoing British Ambassador to Ukraine "
                   "Martin Wells said on Monday.")
    assert sides(found, "Wells") == {"other_state"}
    found = claims('"Many people are badly hurt," said Sumy Mayor Petro Dovhal according to local media.')
    assert sides(found, "Dovhal") == {"ukraine"}
    assert not by(found, "Sumy Mayor")


def test_a_name_set_off_by_a_title_is_a_person() -> None:
    found = claims('Mayor of Chernihiv, Petro Ostapenko, described it as "a deliberate strike" on the city.')
    assert sides(found, "Ostapenko") == {"ukraine"}
    found = claims("The border has stayed open all week, Irina Sokolova, press secretary of the Belarusian "
                   "president, told reporters on Friday.")
    assert sides(found, "Sokolova") == {"belarus"}
    assert not by(found, "Lukashenko")


def test_an_office_serving_a_person_is_not_that_person() -> None:
    found = claims("A spokesman for President Zelensky said the talks would go on.")
    assert not [c for c in found if c.claimant.name == "Volodymyr Zelensky"]
    assert sides(found, "spokesman") == {"ukraine"}
    found = claims("Putin's envoy Kirill Dmitriev said the talks were useful.")  # a name with the office
    assert sides(found, "Dmitriev") == {"russia"}


def test_the_spokesman_and_the_source_are_the_ones_introduced_before() -> None:
    text = ("Russian Defence Ministry spokesman Lt. Gen. Pavel Garin said 30 prisoners died.\n"
            "Another 70 were taken to hospital, the spokesman said.")
    assert [c.claimant.name for c in by(claims(text), "spokesman")] == ["Pavel Garin"]
    text = ("The outlet spoke with a source close to the command of the Russian fleet. "
            "The source told the outlet that 37 sailors died.")
    assert sides(claims(text), "source") == {"russia"}
    text = "The source told reporters that the convoy had left."  # nothing introduced before
    assert sides(claims(text), "source") == {"unknown"}


# ---------------------------------------------------------------- subjects the parse hides
def test_a_relative_pronoun_speaks_for_what_it_stands_for() -> None:
    found = claims('The strike drew criticism from U.S. President Donald Trump, who called it "a terrible thing".')
    assert by(found, "Trump")
    found = claims("The agency released a report that said 40 civilians had died in the city.")
    assert not by(found, "report")


def test_an_infinitive_takes_the_subject_of_the_verb_that_governs_it() -> None:
    found = claims('NATO Secretary General Mark Rutte is set to call for "a large increase" in air defence.')
    assert sides(found, "Rutte") == {"nato"}
    found = claims("Ukrainian officials were forced to issue a warning about ballistic missiles.")
    assert sides(found, "Ukrainian officials") == {"ukraine"}
    found = claims("Kremlin spokesman Dmitry Peskov declined to confirm that the talks had failed.")
    assert not [c for c in by(found, "Peskov") if c.cue == "confirm"]


def test_coordinated_speakers_each_make_the_claim() -> None:
    found = claims("French President Emmanuel Macron and Polish Foreign Minister Radoslaw Sikorski urged "
                   "an immediate ceasefire.")
    assert by(found, "Macron") and by(found, "Sikorski")
    found = claims("Both Ukrainian Presidential Adviser Ivan Marchuk and Kharkiv Regional Administration Head "
                   "Oleh Synehubov said the station had been hit by a ballistic missile.")
    assert by(found, "Marchuk") and by(found, "Synehubov")


def test_a_finite_verb_hung_on_its_speaker_still_reports() -> None:
    found = claims("About 200 soldiers were killed and wounded in the strike, including foreign instructors, "
                   "a high-ranking military source reported.", outlet="TASS")
    assert sides(found, "military source") == {"russia"}


def test_a_speaker_named_before_an_apposed_description_is_not_the_actor_inside_it() -> None:
    text = ("All exchanges have been carried out with the consent of the leadership of both Russia and Ukraine, "
            "Irina Sokolova, press secretary of the Belarusian president, told TASS on Friday.")
    found = claims(text)
    assert by(found, "Sokolova") and not by(found, "Lukashenko")


# ---------------------------------------------------------------- offices named with an owner
def test_a_proper_named_office_takes_its_owners_side() -> None:
    found = claims("Earlier this year, the General Staff of the Russian armed forces claimed that Ukrainian "
                   "losses had topped 500,000.")
    assert sides(found, "General Staff") == {"russia"}
    found = claims("Ukraine's Public TV channel confirmed that there were two explosions in the city.")
    assert sides(found, "Public TV") == {"ukraine"}
    found = claims("The swap was the 60th since the war began, according to Ukraine's Coordination Headquarters "
                   "for the Treatment of Prisoners of War.")
    assert sides(found, "Headquarters") == {"ukraine"}
    found = claims("Russia's Vladimir Putin said the offer stood.")  # a person, not an office
    assert [c.claimant.name for c in found] == ["Vladimir Putin"]


def test_an_office_named_after_a_place_speaks_for_the_place() -> None:
    found = claims("The attack on the city centre killed 20 people, Prosecutor's Office of Sumy Oblast reported.")
    assert sides(found, "Prosecutor") == {"ukraine"}
    found = claims("Twelve victims are still in hospital, according to Chernihiv City Council.")
    assert sides(found, "City Council") == {"ukraine"}
    found = claims("A Kharkiv Oblast Prosecutor's Office spokesman later clarified that fewer than 100 people "
                   "lived in the village.")
    assert sides(found, "Prosecutor") == {"ukraine"}


def test_the_side_word_side_is_the_state() -> None:
    found = claims("The Ukrainian side claimed that Russian troops had shelled the station.")
    assert [(c.claimant.name, c.claimant.side) for c in found] == [("Ukraine", "ukraine")]
    found = claims("The Russian side accused Kyiv of breaking the truce.")
    assert [(c.claimant.name, c.claimant.side) for c in found] == [("Russia", "russia")]


# ---------------------------------------------------------------- cues for counts and carriers
def test_a_toll_put_at_or_updated_to_a_number_is_a_claim_holding_the_numbers() -> None:
    found = claims("The Ukrainian Defence Ministry has put the number of deaths at 49, with 219 injured.")
    assert sides(found, "Defence") == {"ukraine"}
    assert "49, with 219 injured" in by(found, "Defence")[0].content.text
    found = claims("Poltava Governor Ivan Hrytsenko later updated the casualty toll to 50 dead and 235 wounded.")
    assert "50 dead and 235 wounded" in by(found, "Hrytsenko")[0].content.text
    found = claims("Authorities in the separatist Donetsk People's Republic placed the death toll at 53.")
    assert sides(found, "Donetsk") == {"russia"}
    assert not claims("Russia put its nuclear forces on high alert on Sunday.")  # no count put forward


def test_a_speaker_quoted_by_an_agency_and_the_agency_both_claim() -> None:
    found = claims("Separatist leader Denis Pushilin was quoted by Interfax as saying that the prison held "
                   "193 people.")
    assert sides(found, "Pushilin") == {"russia"} and sides(found, "Interfax") == {"russia"}
    assert all("193 people" in c.content.text for c in found)
    found = claims("Pushilin was quoted as saying that nobody escaped.")  # no carrier named
    assert [c.claimant.name for c in found] == ["Denis Pushilin"]


def test_an_outlet_told_reports_the_words_too() -> None:
    found = claims("Military intelligence chief Kyrylo Budanov told Voice of America that nine officers were hurt.")
    assert sides(found, "Budanov") == {"ukraine"} and sides(found, "Voice of America") == {"united_states"}
    found = claims('"The sirens started at dawn," Olena Koval, 41, told Reuters.')
    assert by(found, "Reuters") and by(found, "Koval")
    found = claims("Budanov told reporters that nine officers were hurt.")  # reporters are no outlet
    assert [c.claimant.name for c in found] == ["Kyrylo Budanov"]


def test_stated_this_reports_the_paragraph_before() -> None:
    text = ("The death toll from the strike on the station has risen to 50. Of these, 5 are children.\n\n"
            "The head of the regional administration Ivan Petrenko stated this on Telegram.")
    got = by(claims(text), "Petrenko")
    assert got and "risen to 50" in got[0].content.text and "5 are children" in got[0].content.text
    text = "Two drones were shot down. This was reported by the Ukrainian Air Force."
    assert "Two drones" in by(claims(text), "Air Force")[0].content.text


def test_as_an_outlet_reported_covers_the_main_clause() -> None:
    found = claims("As the Ukrainian News Agency earlier reported, it was initially reported that more than "
                   "30 people were killed.")
    assert [c.claimant.name for c in found] == ["Ukrainian News Agency"]
    assert "30 people were killed" in found[0].content.text
    found = claims("It was initially reported that more than 30 people were killed.")  # nobody named
    assert [(c.claimant.name, c.hedged) for c in found] == [(None, True)]


def test_a_quotation_before_a_cue_with_its_own_clause_is_not_its_content() -> None:
    text = 'He said the prisoners "began to testify." He says that 47 people died.'
    found = claims('Denis Pushilin spoke on Friday. ' + text)
    said = [c for c in found if c.cue == "says"]
    assert said and "47 people died" in said[0].content.text and said[0].mode == "indirect"


# ---------------------------------------------------------------- outlets, spellings, names
def test_an_office_without_a_side_in_a_bracketed_outlet_takes_the_carried_outlets_country() -> None:
    text = "At least one serviceman is missing after the strike, the Defense Ministry said."
    got = by(claims(text, outlet="RT (republished by example.com)"), "Defense")
    assert [(c.claimant.name, c.claimant.side) for c in got] == [("Russian Ministry of Defence", "russia")]
    got = by(claims(text, outlet="TASS (via example.org)"), "Defense")
    assert got[0].claimant.side == "russia"
    got = by(claims(text, outlet="Example Daily (example.com)"), "Defense")  # no outlet the profile knows
    assert got[0].claimant.side == "unknown"


def test_names_match_the_profile_across_spellings_and_transliterations() -> None:
    got = by(claims("The U.K. Defense Ministry said Russia had lost 900 tanks."), "Defense")
    assert [(c.claimant.name, c.claimant.side) for c in got] == [("UK Ministry of Defence", "other_state")]
    got = by(claims("The so-called governor of Sevastopol Mikhail Razvozhaev confirmed the strike."), "Razvozh")
    assert {(c.claimant.name, c.claimant.side) for c in got} == {("Mikhail Razvozhayev", "russia")}
    got = claims("General Valeriy Zaluzhny said the front was holding.")
    assert {c.claimant.name for c in got} == {"Valerii Zaluzhnyi"}
    got = claims("General Mikhail Razumov said the front was holding.")  # another man
    assert {c.claimant.name for c in got} == {"Mikhail Razumov"}


def test_a_name_spelled_out_before_its_acronym_is_one_actor() -> None:
    found = claims("Russia has sent a salvage ship to the wreck, according to the centre for defence strategies "
                   "(CDS), a Ukrainian think tank.")
    assert [(c.claimant.side, c.claimant.kind) for c in by(found, "defence strategies")] == [("ukraine", "expert")]
    assert "according to" not in by(found, "defence strategies")[0].content.text
    found = claims("The Center for Strategic and International Studies (CSIS) said there had been 70,000 deaths.")
    assert sides(found, "Strategic") == {"independent"}
    found = claims("The Armed Forces of Ukraine (ZSU) said the attack was repelled.")  # letters that do not fit
    assert [c.claimant.name for c in found] == ["Armed Forces of Ukraine"]


def test_named_experts_without_a_side_are_independent() -> None:
    found = claims("Military historian Jonas Keller told Sky News that the losses were staggering.")
    assert {(c.claimant.side, c.claimant.kind) for c in by(found, "Keller")} == {("independent", "expert")}
    found = claims("Ukrainian analyst Petro Lysenko said the losses were staggering.")  # a side word
    assert sides(found, "Lysenko") == {"ukraine"}
    found = claims("Military experts suggested that the rocket came from the south.")  # a group
    assert sides(found, "experts") == {"unknown"}


def test_collective_and_relative_speakers() -> None:
    found = claims("Soldiers are held in prisons in Russia, with independent media reporting that some had been "
                   "moved to Moscow.")
    assert sides(found, "independent media") == {"independent"}
    found = claims("Ukraine's first lady said the children must come home.")
    assert [(c.claimant.name, c.claimant.side) for c in found] == [("Olena Zelenska", "ukraine")]
    found = claims("The mother of a sailor told the newspaper that about 40 men died.")
    assert by(found, "mother")
    found = claims("Meanwhile, Russian propagandists blame Kyiv for the blast.")
    assert sides(found, "propagandists") == {"russia"}


# ---------------------------------------------------------------- a headline closed by its source
def test_a_headline_closed_by_its_source_is_that_source_s_claim() -> None:
    for headline, speaker, content in (
            ("Two dead, nine missing after tanker blaze, says Russian Defence Ministry", "Ministry of Defence",
             "Two dead, nine missing after tanker blaze"),
            ("1,200 truce violations by Ukraine recorded - Russia's Defense Ministry", "Ministry of Defence",
             "1,200 truce violations by Ukraine recorded"),
            ("Russia lost 300 troops near the river – Zelensky", "Zelensky", "Russia lost 300 troops near the river"),
            ("Kyiv shot down 20 drones overnight, Kremlin says", "Kremlin", "Kyiv shot down 20 drones overnight"),
            ("Assaults repelled near five villages in the east - General Staff", "General Staff",
             "Assaults repelled near five villages in the east")):
        found = claims(headline + "\nThe figures could not be independently verified.\n")
        assert [c.content.text for c in by(found, speaker)] == [content], [(c.claimant.name, c.content.text)
                                                                          for c in found]


def test_a_wire_credit_or_a_plain_tail_closing_a_headline_is_no_source() -> None:
    for headline in ("Drones hit a fuel depot in Bryansk - Reuters",
                     "Russia-Ukraine war - live updates",
                     "Shelling in the south kills three – officials in Kherson region report losses."):
        found = claims(headline + "\nFirefighters worked through the night.\n")
        assert not [c for c in found if c.content.start == 0], [(c.claimant.name, c.content.text) for c in found]


def test_a_closing_speaker_after_a_long_clause_speaks_not_the_clauses_subject() -> None:
    # the parser joins "said" to "killed" and would hand it the attack's subject ("Russia's air force")
    found = claims_of("A drone attack on the headquarters of Russia's air force last week killed 12 officers, "
                      "including its deputy commander, Colonel Ivan Petrov, Ukraine said Tuesday.")
    said = [c for c in found if c.cue == "said"]
    assert [(c.claimant.name, c.claimant.side) for c in said] == [("Ukraine", "ukraine")]
    assert said[0].content.text.startswith("A drone attack")
