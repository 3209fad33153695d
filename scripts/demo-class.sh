#!/usr/bin/env bash
# A demo class for trying `cogflow class report`: 30 learners, each with their own home, take
# the built-in quiz (`cogflow quiz --plain`) and most step through the lesson predicting
# (`cogflow run --plain`), with answers picked from a fixed pattern; each exports their results
# into DIR (CSV or JSON). Then: cogflow class report DIR
# Usage: scripts/demo-class.sh DIR [COGFLOW]   (COGFLOW defaults to target/debug/cogflow)
set -euo pipefail
dir=${1:?usage: scripts/demo-class.sh DIR [COGFLOW]}
bin=${2:-target/debug/cogflow}
mkdir -p "$dir"
homes=$(mktemp -d)
trap 'rm -rf "$homes"' EXIT
names=("Ana García" "Bo Li" "Chen Wei" "Dara O'Neill" "Émile Zola" "Fatima Al-Sayed" "Gus Grissom"
  "Hana Kim" "Ivan Petrov" "Jo Bloggs" "Kwame Mensah" "Lea Müller" "Mia Rossi" "Noah Smith"
  "Olu Adeyemi" "Priya Patel" "Quinn Reyes" "Rosa Parks" "Sven Berg" "Tariq Aziz" "Uma Rao"
  "Vera Chen" "Wen Jun" "Xavi Ruiz" "Yuki Sato" "Zoë Kravitz" "Ola Nordmann" "Amir Haddad"
  "Nia Okafor" "Lars Holm")
# Per question (right answer A, C, B): what each kind of learner types.
plans=("A\nC\nB\n\n" "B\nA\nC\nB\n\n" "h\nA\nC\nr\n" "A\nB\nC\nA\nB\n\n" "r\nC\nB\n\n" "A\nD\nq\n" "C\nB\nA\nC\nB\n\n" "A\nC\nq\n")
predictions=("\n\nA\n\nB\nq\n" "\n\nB\n\nB\nq\n" "\n\n\n\nA\nq\n" "\n\nA\n\n\nq\n")
for i in "${!names[@]}"; do
  home="$homes/$i"
  name=${names[$i]}
  printf "${plans[$((i % ${#plans[@]}))]}" | COGFLOW_HOME=$home "$bin" --learner "$name" quiz --plain >/dev/null 2>&1
  if [ $((i % 5)) -ne 4 ]; then
    printf "${predictions[$((i % 4))]}" | COGFLOW_HOME=$home "$bin" run --plain --seed 1 >/dev/null
  fi
  format=csv; [ $((i % 2)) -eq 1 ] && format=json
  COGFLOW_HOME=$home "$bin" results --format $format >"$dir/learner-$(printf %02d "$i").$format"
done
echo "demo class of ${#names[@]} learners in $dir: cogflow class report $dir"
