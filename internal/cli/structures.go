package cli

import (
	"fmt"

	"chairside/internal/anatomy"
)

func init() {
	register(Command{
		Name:    "structures",
		Summary: "list every structure: ID, name, kind, region (tab-separated)",
		Run:     runStructures,
	})
}

func runStructures(env *Env, args []string) error {
	fs := newFlags(env)
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("unexpected argument %s (structures takes no arguments)", echo(pos[0]))
	}
	for _, s := range anatomy.All() {
		fmt.Fprintf(env.Stdout, "%s\t%s\t%s\t%s\n", s.ID, s.Name, s.Kind, s.Region)
	}
	return nil
}
