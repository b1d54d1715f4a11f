// The commander floor: Node, commander loaded, a program declared and its arguments parsed.
// What any CLI written with commander pays before it does anything (`npm run bench` times it).
const { Command } = require('commander');

new Command('floor').option('--json').argument('[words...]').action(() => {}).parse(process.argv);
