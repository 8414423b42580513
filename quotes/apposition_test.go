package quotes_test

import "testing"

func TestAppositiveRoleGivesTheName(t *testing.T) {
	speakerCheck(t, "The board met on Monday. Jonas Lind, managing director of harbour firm Nordlink said that the terminal would open in May.",
		"the terminal would open in May", "Jonas Lind", "Jonas Lind")
	speakerCheck(t, "The board met on Monday. Mara Olsen, head of Nordlink, which runs the ferries, said that the terminal would open in May.",
		"the terminal would open in May", "Mara Olsen", "Mara Olsen")
	speakerCheck(t, "“The terminal will open in May,” Jonas Lind, head of Nordlink told reporters.",
		"The terminal will open in May", "Jonas Lind", "Jonas Lind")
}

func TestAppositiveKeepsAnObjectOut(t *testing.T) {
	// the name is an object here: the role phrase's organisation speaks
	speakerCheck(t, "The board thanked Jonas Lind, head of Nordlink, which said that the terminal would open in May.",
		"the terminal would open in May", "which", "Nordlink")
}
