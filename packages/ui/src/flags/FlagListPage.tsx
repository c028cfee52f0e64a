/** `/projects/:project/flags`: the flag list (built in list/). */
export { FlagListPage } from './list/FlagListPage';
