package cli

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"chairside/internal/content"
)

// clinicVerbs are the clinic settings the command line sets (issue 14: the
// clinic's video for a home exercise, printed as a QR code on handouts).
var clinicVerbs = map[string]Command{}

func init() {
	register(Command{Name: "clinic", Summary: "set or list the clinic's exercise videos", Usage: "video|videos [flags]",
		Run: func(env *Env, args []string) error { return runVerb(env, clinicVerbs, args) }})
	clinicVerbs["video"] = Command{Summary: "set the video address a handout prints as a QR code next to an exercise",
		Usage: "EXERCISE-ID URL | EXERCISE-ID --clear", DB: true, Run: runClinicVideo}
	clinicVerbs["videos"] = Command{Summary: "list the exercise videos: ID, address (tab-separated)",
		Usage: "", DB: true, Run: runClinicVideos}
}

func runClinicVideo(env *Env, args []string) error {
	fs := newFlags(env)
	remove := fs.Bool("clear", false, "remove the exercise's video: its handouts print no QR code")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	want := 2
	if *remove {
		want = 1
	}
	if len(pos) != want {
		return fmt.Errorf("give the exercise ID and the video address (chairside clinic video exercise:chin-tuck https://…), or the ID and --clear")
	}
	// The ID is checked against the library, so that a typo does not
	// store an address no handout will ever print.
	lib, err := loadExercises(content.DefaultLang)
	if err != nil {
		return err
	}
	ex, err := lib.Get(pos[0])
	if err != nil {
		return fmt.Errorf("%w (chairside exercises lists them)", err)
	}
	address := ""
	if !*remove {
		if address = strings.TrimSpace(pos[1]); address == "" {
			return fmt.Errorf("the video address is empty: give it, or use --clear to remove the video")
		}
	}
	db, err := openOrCreateStore(env)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.SaveClinicVideo(context.Background(), ex.ID, address); err != nil {
		return storeError(err)
	}
	return nil
}

func runClinicVideos(env *Env, args []string) error {
	fs := newFlags(env)
	if err := noPositionals(env, fs, args); err != nil {
		return err
	}
	db, err := openStore(env)
	if err != nil {
		return err
	}
	defer db.Close()
	videos, err := db.ClinicVideos(context.Background())
	if err != nil {
		return storeError(err)
	}
	ids := make([]string, 0, len(videos))
	for id := range videos {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		fmt.Fprintf(env.Stdout, "%s\t%s\n", id, videos[id])
	}
	return nil
}
