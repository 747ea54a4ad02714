// The interface in English and French. The language comes from ?lang=,
// else the one remembered in localStorage, else the browser's; choosing one
// remembers it. Data texts ({en, fr, ...}) are shown in the chosen language
// with a fallback to the other.

const STORAGE_KEY = 'gallery.lang';
export const LANGS = ['en', 'fr'];

const STRINGS = {
  en: {
    site_title: 'Photo gallery', skip: 'Skip to content', loading: 'Loading…',
    nav_home: 'Home', nav_upload: 'Upload', nav_login: 'Log in', nav_logout: 'Log out',
    signed_in_as: 'Signed in as {name}', language: 'Language',
    meetings: 'Meetings', albums: 'Albums', all_photos: 'All photos', photos: 'Photos',
    no_meetings: 'No meetings yet.', no_albums: 'No albums yet.', no_photos: 'No photos match.',
    photo_count: '{n} photos', photo_count_one: '1 photo',
    meeting: 'Meeting', album: 'Album', place: 'Place', dates: 'Dates',
    filters: 'Filters', search: 'Search', search_placeholder: 'Caption, keyword, credit, file name',
    credit: 'Credit', tag: 'Tag', from: 'From', to: 'To', any: 'Any', apply: 'Apply', reset: 'Reset',
    load_more: 'Load more photos', loading_more: 'Loading more photos…', end_of_list: 'All photos are shown.',
    open_photo: 'Open photo {n}', photo_n: 'Photo {n}',
    lightbox: 'Photo viewer', previous: 'Previous photo', next: 'Next photo', close: 'Close',
    position: '{i} of {n}', download: 'Download', dl_small: 'Small (JPEG)', dl_large: 'Large (JPEG)',
    dl_original: 'Original, credit embedded', dl_zip: 'Whole album (ZIP)', iiif_manifest: 'IIIF manifest: drag this link into a IIIF viewer', details: 'Details and editing',
    caption: 'Caption', headline: 'Headline', alt_text: 'Alt text', keywords: 'Keywords',
    keywords_hint: 'Separated by commas', creator: 'Creator', taken_at: 'Taken', file_name: 'File name',
    caption_en: 'Caption (English)', caption_fr: 'Caption (French)',
    headline_en: 'Headline (English)', headline_fr: 'Headline (French)',
    alt_en: 'Alt text (English)', alt_fr: 'Alt text (French)',
    edit_photo: 'Edit this photo', save: 'Save', saved: 'Saved.', no_change: 'Nothing changed.',
    history: 'History', no_history: 'No edits yet.', revert: 'Revert', reverted: 'Reverted.',
    history_line: '{field}: {old} → {new}', history_by_who: 'by {who},', history_empty: '(empty)',
    history_keywords: '{field}: {changes}', history_sep: '; ', history_added: 'added {words}', history_removed: 'removed {words}', history_reordered: 'order changed',
    history_album_added: 'Added to album {name}', history_album_removed: 'Removed from album {name}',
    revert_entry: 'Revert: {field}, {at}', field_in_lang: '{field} ({lang})', event: 'Event',
    embargo_none: 'None', embargo_hint: 'Until this day only editors see the photo. Empty: no embargo.',
    select_mode: 'Select photos', select_done: 'Done selecting', selected: '{n} selected',
    select_hint: 'Click to select, Shift+click to select a range.', select_photo: 'Select: {alt}',
    bulk_title: 'Change the selected photos', bulk_credit: 'Set credit', bulk_keywords: 'Keywords: what to do',
    bulk_meeting: 'Set meeting', bulk_apply: 'Review the changes', bulk_done: '{n} photos updated.',
    bulk_keywords_action: 'What to do with these keywords', bulk_keywords_add: 'Add them (each photo keeps its own)',
    bulk_keywords_remove: 'Remove them', bulk_keywords_replace: 'Replace all keywords with them',
    bulk_no_meeting: 'No meeting', embargo: 'Embargo until', bulk_quoted: '“{v}”',
    bulk_line: '{photos}: {field} {from} → {to}', bulk_line_same: '{photos}: {field} {from} → {to}; {same} already have it',
    bulk_line_none: '{field}: all {photos} have it already; nothing changes',
    bulk_line_add: 'Keywords {words} added to {photos}; {same} have them already',
    bulk_line_remove: 'Keywords {words} removed from {photos}; {same} do not have them',
    bulk_from_more: '{named} and {n} other values', bulk_review: 'What will change in {n} photos',
    bulk_confirm: 'Change {n} photos', bulk_too_many: 'At most {n} photos at once: select fewer.',
    bulk_nothing: 'Fill in at least one field.', none: 'None',
    upload_title: 'Upload photos', upload_drop: 'Drop photos here, or',
    upload_pick: 'choose files', upload_meeting: 'Meeting', upload_album: 'Album', upload_credit: 'Credit line',
    upload_credit_hint: 'For photos that carry none, e.g. © IOM 2016',
    upload_overall: 'Overall progress', upload_summary: '{done} of {total} done · {dup} duplicates · {bad} refused · {failed} failed',
    upload_files: 'Files', upload_refused: 'Files not uploaded',
    st_waiting: 'Waiting', st_uploading: 'Uploading', st_retrying: 'Retrying in {s} s (attempt {n})',
    st_done: 'Uploaded', st_duplicate: 'Duplicate: already in the archive', st_refused: 'Refused',
    st_failed: 'Failed after {n} attempts', st_failed_why: 'Failed after {n} attempts: {reason}',
    st_refused_why: 'Refused: {reason}', network_error: 'the connection failed',
    st_hashing: 'Reading', st_checking: 'Checking the archive', st_cancelled: 'Cancelled',
    st_offline: 'Waiting for the network', st_missing: 'Choose this file again to go on',
    upload_resume: '{n} files were still being sent when this page was closed. Choose them again (the same files) and each goes on where it stopped.',
    upload_resume_one: '1 file was still being sent when this page was closed. Choose it again (the same file) and it goes on where it stopped.',
    upload_forget: 'Forget them',
    upload_cancel: 'Cancel', upload_cancel_file: 'Cancel {name}', upload_retry: 'Retry', upload_retry_file: 'Retry {name}',
    upload_cancelled: '{n} cancelled', upload_view: 'View the {n} new photos in {name}',
    upload_view_one: 'View the new photo in {name}',
    upload_leave: 'Uploads are still running. Leave the page?', upload_need_login: 'Log in as an editor to upload.',
    login_title: 'Log in', user_name: 'Name', password: 'Password', login_button: 'Log in',
    login_failed: 'Wrong name or password.',
    login_limited: 'Too many failed attempts from this address. Try again in {s} seconds.',
    not_found: 'Not found.', error: 'Something went wrong: {message}', back_home: 'Back to the home page',
    share_notice: 'You are viewing a private album through a share link.',
    skip_photos: 'Skip to the first photo', photo_by: 'Photo by {credit}, {meeting}', photo_by_credit: 'Photo by {credit}',
    photo_in: 'Photo, {meeting}', date_unknown: 'Date unknown', day_photos: 'Photos of {date}',
    layout: 'Layout', layout_justified: 'Rows', layout_square: 'Squares',
    filters_show: 'Filters', filters_active: 'Filters ({n})', credit_hint: 'Type or pick a credit',
    tag_hint: 'Type or pick a keyword',
    info: 'Info', info_title: 'About this photo', zoom_in: 'Zoom in', zoom_out: 'Zoom out',
    deep_zoom: 'Zoomable photo: {alt}. + and − zoom, the arrow keys move it, 0 shows it whole',
    rights: 'Rights', copyright: 'Copyright', usage_terms: 'Terms of use', camera: 'Camera',
    exposure: 'Exposure', lens: 'Lens', size_px: 'Size', credit_line: 'Credit',
    embed_all: 'Access all photos', new_tab: '(opens in a new tab)', embed_home: 'Open the photo gallery',
    embed_title: 'Show these photos on another site', embed_code: 'Code to paste into a page of that site',
    embed_hint: 'The site must be one of the origins the server allows (gallery serve --embed-origins).',
    embed_frame_title: 'Photos: {title}', copy: 'Copy', copied: 'Copied.', copy_failed: 'Select the code and copy it.',
    setup_title: 'Create the first admin', setup_intro: 'This archive has no admin yet. The admin adds editors, meetings and albums.',
    setup_password_hint: 'At least 8 characters', setup_confirm: 'Password again', setup_button: 'Create the admin',
    setup_mismatch: 'The two passwords differ.', setup_short: 'The password needs at least 8 characters.',
    setup_done_title: 'The archive is set up', setup_done: 'An admin exists already, so this setup address no longer works.',
    setup_no_token: 'This address lacks its token: open the whole setup address that gallery serve printed.',
    setup_wrong_token: 'This setup token is wrong: open the whole address that gallery serve printed.',
    setup_created: 'The admin {name} is created. Opening the archive…',
    go_login: 'Log in', empty_meetings_editor: 'No meetings yet. Start with a meeting, then upload its photos.',
    empty_meetings_visitor: 'No meetings yet.', empty_photos_editor: 'No photos here yet.',
    empty_albums_editor: 'No albums yet. An album gathers photos, for example one day of a meeting.',
    create_meeting: 'Create a meeting', create_album: 'Create an album', upload_photos: 'Upload photos',
    err_invalid_argument: 'Something in the request is not valid.', err_unauthenticated: 'Log in to do this.',
    err_forbidden: 'Your account may not do this.', err_csrf: 'Your session changed: reload the page and try again.',
    err_not_found: 'Not found: it may have been deleted, or you may not see it.', err_no_route: 'This address does not exist.',
    err_method_not_allowed: 'This action is not possible here.', err_timeout: 'The request took too long. Try again.',
    err_conflict: 'This name is taken already, or the item is not in a state that allows this.',
    err_own_account: 'You cannot disable or demote your own account.',
    err_gone: 'This one-time address was used already.', err_too_large: 'Too large for the server.',
    err_unsupported: 'This kind of file is not accepted.', err_range_not_satisfiable: 'That part of the file does not exist.',
    err_corrupt: 'Not a photo we can read.', err_limit_exceeded: 'Too many pixels, or a part of the file over its limit.',
    err_too_many_attempts: 'Too many attempts. Wait a moment and try again.',
    err_too_many_uploads: 'Too many unfinished uploads: finish or cancel some first.',
    err_upload_quota: 'Your unfinished uploads would take more space than allowed: finish or cancel some first.',
    err_tus_version: 'This upload speaks another version of the resumable upload protocol.',
    err_checksum_mismatch: 'A part of the file arrived damaged; send it again.',
    err_internal: 'The server failed. Try again later.', err_io_error: 'The server could not read or write its files.',
    err_busy: 'The server is busy. Try again in a moment.', err_no_space: 'The server is out of disk space.',
    err_network: 'The connection failed. Try again.',
    reason_unreadable: 'Not a photo we can read.', reason_truncated: 'The file is cut short.',
    reason_empty: 'The file is empty.', reason_too_many_pixels: 'Too many pixels.',
    reason_unsupported_format: 'Not a kind of photo we accept (JPEG, PNG, TIFF, WebP, HEIC and AVIF are).',
    reason_metadata_too_large: 'Its metadata (EXIF, IPTC or XMP) is over the size limit.',
    cancel: 'Cancel', delete: 'Delete', remove: 'Remove', admin_tools: 'Editing tools',
    title_en: 'Title (English)', title_fr: 'Title (French)',
    description_en: 'Description (English)', description_fr: 'Description (French)',
    slug: 'Address name', slug_hint: 'Lower-case letters, digits and dashes; part of the address, e.g. casablanca-2016',
    start_date: 'First day', end_date: 'Last day', default_credit: 'Default credit',
    time_zone: 'Time zone', time_zone_hint: 'Where it takes place, e.g. Africa/Casablanca: its photos are grouped by their day there',
    time_zone_unknown: '“{zone}” is not a time zone name. Pick one from the list, e.g. Africa/Casablanca.',
    default_credit_hint: 'Given to uploaded photos that carry none, e.g. © IOM 2016',
    edit_meeting: 'Edit the meeting', delete_meeting: 'Delete the meeting',
    delete_meeting_what: 'The meeting “{title}” will be deleted. It holds no album and no photo.',
    delete_meeting_not_empty: 'A meeting can be deleted once it is empty: it holds {albums} album(s) and {photos}.',
    visibility: 'Who sees it', visibility_hint: 'Unlisted: only through its address. Private: editors, viewers and share links.',
    visibility_public: 'Everyone (public)', visibility_unlisted: 'Whoever has the address (unlisted)',
    visibility_private: 'Signed-in people and share links (private)',
    edit_album: 'Edit the album', choose_cover: 'Choose the cover', cover_pick: 'The album’s cover',
    cover_automatic: 'Chosen automatically', delete_album: 'Delete the album',
    delete_album_what: 'The album “{title}” will be deleted. Its {photos} stay in the archive.',
    delete_album_what_one: 'The album “{title}” will be deleted. Its photo stays in the archive.',
    delete_album_empty: 'The album “{title}” will be deleted. It holds no photo.',
    add_to_album: 'Add to album', pick_photos: 'Select photos first.',
    remove_from_album: 'Remove from album', bulk_this_album: 'This album ({name})',
    bulk_same_album: 'Choose two different albums to add to and remove from.',
    bulk_line_join: 'Added to the album {name}: {photos}; {same} already in it',
    bulk_line_leave: 'Removed from the album {name}, staying in the archive and their other albums: {photos}; {same} not in it',
    share_title: 'Share links', share_intro: 'A share link opens this album, even a private one, with its photos, until it expires.',
    share_expiry: 'Valid for', share_days: '{n} days', share_days_one: '1 day', share_create: 'Create a share link',
    share_url: 'The new link (shown only now: copy it)', share_url_hint: 'Valid until {at}.',
    share_none: 'No share link yet.', share_line: 'Link {id}, made by {who} on {at}', share_until: 'valid until {at}',
    share_forever: 'never expires', share_expired: 'expired on {at}', share_revoke: 'Revoke', share_revoke_n: 'Revoke link {id}',
    share_revoke_what: 'Link {id} will stop working at once for everyone who has it.', share_revoked: 'Link {id} revoked.',
    reorder_album: 'Reorder the photos', order_save: 'Save the order',
    order_hint: 'Drag a photo to its new place. With the keyboard: Space picks a photo up, the arrow keys move it, Space puts it down, Escape puts it back.',
    order_item: 'Photo {i} of {n}: {alt}', order_picked: 'Photo {i} of {n} picked up. Move it with the arrow keys, put it down with Space.',
    order_moved: 'Now at place {i} of {n}.', order_dropped: 'Put down at place {i} of {n}.', order_cancelled: 'Put back at place {i} of {n}.',
    nav_people: 'Users and tokens', people_title: 'Users and tokens', people_admins_only: 'This page is for admins.',
    role_viewer: 'Viewer', role_editor: 'Editor', role_admin: 'Admin', users_title: 'Users', user_role: 'Role',
    user_role_of: 'Role of {name}', user_role_changed: '{name} is now {role}.', user_you: '{name} (you)',
    user_state_active: 'Active', user_state_disabled: 'Disabled', user_since: 'since {at}',
    user_disable: 'Disable', user_enable: 'Enable', user_disable_name: 'Disable {name}', user_enable_name: 'Enable {name}',
    user_disable_what: '{name} will no longer be able to log in, and their open sessions end now. Enable brings the account back.',
    user_disabled: '{name} is disabled.', user_enabled: '{name} can log in again.',
    user_password: 'New password', user_password_name: 'New password for {name}',
    user_password_what: '{name} will log in with this password from now on; their open sessions end now.',
    user_password_self: 'You will log in with this password from now on.',
    user_password_set: '{name} has a new password.', user_add: 'Add a user', user_added: '{name} is added as {role}.',
    tokens_title: 'API tokens', tokens_intro: 'A token lets a program use the API with a role, without a password. Its secret is shown once, when it is created.',
    token_none: 'No token yet.', token_create: 'Create a token', token_name: 'What it is for', token_name_hint: 'For example: the website’s importer',
    token_made: 'made by {who} on {at}', token_used: 'last used on {at}', token_unused: 'never used',
    token_secret: 'The secret of “{name}” (shown only now: copy it)', token_secret_hint: 'The server keeps only its fingerprint: it cannot show it again.',
    token_revoke_name: 'Revoke the token “{name}”', token_revoke_what: 'The token “{name}” will stop working at once for every program that uses it.',
    token_revoked: 'The token “{name}” is revoked.',
    trash_title: 'Trash', trash_intro: 'Deleted photos, most recent first, until the trash is emptied.',
    trash_empty_button: 'Empty the trash',
    trash_empty_what: '{n} photos will be deleted for ever: they can no longer be restored. Their files leave the server at its next clean-up (gallery gc).',
    trash_empty_what_one: '1 photo will be deleted for ever: it can no longer be restored. Its files leave the server at its next clean-up (gallery gc).',
    trash_emptied: '{n} photos deleted for ever.', trash_emptied_one: '1 photo deleted for ever.',
    trash_empty: 'The trash is empty.', trash_line: '{name}, deleted by {who} on {at}', trash_restore: 'Restore',
    trash_restore_name: 'Restore {name}', trash_restored: '{name} is back in the archive.',
  },
  fr: {
    site_title: 'Galerie de photos', skip: 'Aller au contenu', loading: 'Chargement…',
    nav_home: 'Accueil', nav_upload: 'Téléverser', nav_login: 'Se connecter', nav_logout: 'Se déconnecter',
    signed_in_as: 'Connecté : {name}', language: 'Langue',
    meetings: 'Réunions', albums: 'Albums', all_photos: 'Toutes les photos', photos: 'Photos',
    no_meetings: 'Aucune réunion pour l’instant.', no_albums: 'Aucun album pour l’instant.',
    no_photos: 'Aucune photo ne correspond.',
    photo_count: '{n} photos', photo_count_one: '1 photo',
    meeting: 'Réunion', album: 'Album', place: 'Lieu', dates: 'Dates',
    filters: 'Filtres', search: 'Rechercher', search_placeholder: 'Légende, mot-clé, crédit, nom de fichier',
    credit: 'Crédit', tag: 'Mot-clé', from: 'Du', to: 'Au', any: 'Tous', apply: 'Appliquer', reset: 'Effacer',
    load_more: 'Afficher plus de photos', loading_more: 'Chargement des photos…',
    end_of_list: 'Toutes les photos sont affichées.',
    open_photo: 'Ouvrir la photo {n}', photo_n: 'Photo {n}',
    lightbox: 'Visionneuse', previous: 'Photo précédente', next: 'Photo suivante', close: 'Fermer',
    position: '{i} sur {n}', download: 'Télécharger', dl_small: 'Petite (JPEG)', dl_large: 'Grande (JPEG)',
    dl_original: 'Originale, crédit inclus', dl_zip: 'Tout l’album (ZIP)', iiif_manifest: 'Manifeste IIIF : faites glisser ce lien dans une visionneuse IIIF', details: 'Détails et modification',
    caption: 'Légende', headline: 'Titre', alt_text: 'Texte alternatif', keywords: 'Mots-clés',
    keywords_hint: 'Séparés par des virgules', creator: 'Auteur', taken_at: 'Prise le', file_name: 'Nom du fichier',
    caption_en: 'Légende (anglais)', caption_fr: 'Légende (français)',
    headline_en: 'Titre (anglais)', headline_fr: 'Titre (français)',
    alt_en: 'Texte alternatif (anglais)', alt_fr: 'Texte alternatif (français)',
    edit_photo: 'Modifier cette photo', save: 'Enregistrer', saved: 'Enregistré.', no_change: 'Rien n’a changé.',
    history: 'Historique', no_history: 'Aucune modification.', revert: 'Rétablir', reverted: 'Rétabli.',
    history_line: '{field} : {old} → {new}', history_by_who: 'par {who},', history_empty: '(vide)',
    history_keywords: '{field} : {changes}', history_sep: ' ; ', history_added: '{words} ajouté(s)', history_removed: '{words} retiré(s)', history_reordered: 'ordre modifié',
    history_album_added: 'Ajoutée à l’album {name}', history_album_removed: 'Retirée de l’album {name}',
    revert_entry: 'Rétablir : {field}, {at}', field_in_lang: '{field} ({lang})', event: 'Événement',
    embargo_none: 'Aucun', embargo_hint: 'Jusqu’à ce jour, seuls les éditeurs voient la photo. Vide : pas d’embargo.',
    select_mode: 'Sélectionner des photos', select_done: 'Terminer la sélection', selected: '{n} sélectionnée(s)',
    select_hint: 'Cliquez pour sélectionner, Maj+clic pour une plage.', select_photo: 'Sélectionner : {alt}',
    bulk_title: 'Modifier les photos sélectionnées', bulk_credit: 'Crédit', bulk_keywords: 'Mots-clés : que faire',
    bulk_meeting: 'Réunion', bulk_apply: 'Voir les changements', bulk_done: '{n} photos modifiées.',
    bulk_keywords_action: 'Que faire de ces mots-clés', bulk_keywords_add: 'Les ajouter (chaque photo garde les siens)',
    bulk_keywords_remove: 'Les retirer', bulk_keywords_replace: 'Remplacer tous les mots-clés par ceux-ci',
    bulk_no_meeting: 'Aucune réunion', embargo: 'Sous embargo jusqu’au', bulk_quoted: '« {v} »',
    bulk_line: '{photos} : {field} {from} → {to}', bulk_line_same: '{photos} : {field} {from} → {to} ; {same} l’ont déjà',
    bulk_line_none: '{field} : les {photos} l’ont déjà ; rien ne change',
    bulk_line_add: 'Mots-clés {words} ajoutés à {photos} ; {same} les ont déjà',
    bulk_line_remove: 'Mots-clés {words} retirés de {photos} ; {same} ne les ont pas',
    bulk_from_more: '{named} et {n} autres valeurs', bulk_review: 'Ce qui change dans {n} photos',
    bulk_confirm: 'Modifier {n} photos', bulk_too_many: 'Au plus {n} photos à la fois : sélectionnez-en moins.',
    bulk_nothing: 'Remplissez au moins un champ.', none: 'Aucune',
    upload_title: 'Téléverser des photos', upload_drop: 'Déposez des photos ici, ou',
    upload_pick: 'choisissez des fichiers', upload_meeting: 'Réunion', upload_album: 'Album',
    upload_credit: 'Ligne de crédit', upload_credit_hint: 'Pour les photos qui n’en ont pas, p. ex. © OIM 2016',
    upload_overall: 'Progression totale', upload_summary: '{done} sur {total} terminées · {dup} doublons · {bad} refusées · {failed} en échec',
    upload_files: 'Fichiers', upload_refused: 'Fichiers non envoyés',
    st_waiting: 'En attente', st_uploading: 'Envoi', st_retrying: 'Nouvel essai dans {s} s (essai {n})',
    st_done: 'Envoyée', st_duplicate: 'Doublon : déjà dans l’archive', st_refused: 'Refusée',
    st_failed: 'Échec après {n} essais', st_failed_why: 'Échec après {n} essais : {reason}',
    st_refused_why: 'Refusée : {reason}', network_error: 'la connexion a échoué',
    st_hashing: 'Lecture', st_checking: 'Vérification dans l’archive', st_cancelled: 'Annulé',
    st_offline: 'En attente du réseau', st_missing: 'Choisissez de nouveau ce fichier pour continuer',
    upload_resume: '{n} fichiers étaient en cours d’envoi à la fermeture de cette page. Choisissez-les de nouveau (les mêmes fichiers) : chacun reprend là où il s’était arrêté.',
    upload_resume_one: '1 fichier était en cours d’envoi à la fermeture de cette page. Choisissez-le de nouveau (le même fichier) : il reprend là où il s’était arrêté.',
    upload_forget: 'Les oublier',
    upload_cancel: 'Annuler', upload_cancel_file: 'Annuler {name}', upload_retry: 'Réessayer',
    upload_retry_file: 'Réessayer {name}', upload_cancelled: '{n} annulés',
    upload_view: 'Voir les {n} nouvelles photos dans {name}', upload_view_one: 'Voir la nouvelle photo dans {name}',
    upload_leave: 'Des envois sont en cours. Quitter la page ?',
    upload_need_login: 'Connectez-vous comme éditeur pour téléverser.',
    login_title: 'Connexion', user_name: 'Nom', password: 'Mot de passe', login_button: 'Se connecter',
    login_failed: 'Nom ou mot de passe incorrect.',
    login_limited: 'Trop d’essais manqués depuis cette adresse. Réessayez dans {s} secondes.',
    not_found: 'Introuvable.', error: 'Une erreur est survenue : {message}', back_home: 'Retour à l’accueil',
    share_notice: 'Vous consultez un album privé grâce à un lien de partage.',
    skip_photos: 'Aller à la première photo', photo_by: 'Photo : {credit}, {meeting}', photo_by_credit: 'Photo : {credit}',
    photo_in: 'Photo, {meeting}', date_unknown: 'Date inconnue', day_photos: 'Photos du {date}',
    layout: 'Disposition', layout_justified: 'Rangées', layout_square: 'Carrés',
    filters_show: 'Filtres', filters_active: 'Filtres ({n})', credit_hint: 'Saisissez ou choisissez un crédit',
    tag_hint: 'Saisissez ou choisissez un mot-clé',
    info: 'Infos', info_title: 'À propos de cette photo', zoom_in: 'Agrandir', zoom_out: 'Réduire',
    deep_zoom: 'Photo agrandissable : {alt}. + et − agrandissent ou réduisent, les flèches la déplacent, 0 la montre en entier',
    rights: 'Droits', copyright: 'Droit d’auteur', usage_terms: 'Conditions d’utilisation', camera: 'Appareil',
    exposure: 'Exposition', lens: 'Objectif', size_px: 'Taille', credit_line: 'Crédit',
    embed_all: 'Voir toutes les photos', new_tab: '(s’ouvre dans un nouvel onglet)', embed_home: 'Ouvrir la galerie de photos',
    embed_title: 'Afficher ces photos sur un autre site', embed_code: 'Code à coller dans une page de ce site',
    embed_hint: 'Le site doit être l’une des origines que le serveur autorise (gallery serve --embed-origins).',
    embed_frame_title: 'Photos : {title}', copy: 'Copier', copied: 'Copié.', copy_failed: 'Sélectionnez le code et copiez-le.',
    setup_title: 'Créer le premier administrateur', setup_intro: 'Cette archive n’a pas encore d’administrateur. L’administrateur ajoute les éditeurs, les réunions et les albums.',
    setup_password_hint: 'Au moins 8 caractères', setup_confirm: 'Mot de passe, à nouveau', setup_button: 'Créer l’administrateur',
    setup_mismatch: 'Les deux mots de passe diffèrent.', setup_short: 'Le mot de passe doit compter au moins 8 caractères.',
    setup_done_title: 'L’archive est configurée', setup_done: 'Un administrateur existe déjà : cette adresse de configuration ne sert plus.',
    setup_no_token: 'Il manque le jeton à cette adresse : ouvrez l’adresse de configuration complète affichée par gallery serve.',
    setup_wrong_token: 'Ce jeton de configuration est faux : ouvrez l’adresse complète affichée par gallery serve.',
    setup_created: 'L’administrateur {name} est créé. Ouverture de l’archive…',
    go_login: 'Se connecter', empty_meetings_editor: 'Aucune réunion pour l’instant. Commencez par une réunion, puis téléversez ses photos.',
    empty_meetings_visitor: 'Aucune réunion pour l’instant.', empty_photos_editor: 'Aucune photo ici pour l’instant.',
    empty_albums_editor: 'Aucun album pour l’instant. Un album réunit des photos, par exemple une journée d’une réunion.',
    create_meeting: 'Créer une réunion', create_album: 'Créer un album', upload_photos: 'Téléverser des photos',
    err_invalid_argument: 'Un élément de la demande n’est pas valide.', err_unauthenticated: 'Connectez-vous pour faire cela.',
    err_forbidden: 'Votre compte ne peut pas faire cela.', err_csrf: 'Votre session a changé : rechargez la page et réessayez.',
    err_not_found: 'Introuvable : l’élément a peut-être été supprimé, ou vous ne pouvez pas le voir.',
    err_no_route: 'Cette adresse n’existe pas.',
    err_method_not_allowed: 'Cette action n’est pas possible ici.', err_timeout: 'La demande a pris trop de temps. Réessayez.',
    err_conflict: 'Ce nom est déjà pris, ou l’élément n’est pas dans un état qui le permet.',
    err_own_account: 'Vous ne pouvez pas désactiver ni rétrograder votre propre compte.',
    err_gone: 'Cette adresse à usage unique a déjà servi.', err_too_large: 'Trop volumineux pour le serveur.',
    err_unsupported: 'Ce type de fichier n’est pas accepté.', err_range_not_satisfiable: 'Cette partie du fichier n’existe pas.',
    err_corrupt: 'Ce n’est pas une photo que nous savons lire.', err_limit_exceeded: 'Trop de pixels, ou une partie du fichier au-delà de sa limite.',
    err_too_many_attempts: 'Trop d’essais. Patientez un moment puis réessayez.',
    err_too_many_uploads: 'Trop d’envois inachevés : terminez-en ou annulez-en d’abord.',
    err_upload_quota: 'Vos envois inachevés prendraient plus de place que permis : terminez-en ou annulez-en d’abord.',
    err_tus_version: 'Cet envoi utilise une autre version du protocole d’envoi reprenable.',
    err_checksum_mismatch: 'Une partie du fichier est arrivée abîmée ; renvoyez-la.',
    err_internal: 'Le serveur a échoué. Réessayez plus tard.', err_io_error: 'Le serveur n’a pas pu lire ou écrire ses fichiers.',
    err_busy: 'Le serveur est occupé. Réessayez dans un instant.', err_no_space: 'Le serveur n’a plus d’espace disque.',
    err_network: 'La connexion a échoué. Réessayez.',
    reason_unreadable: 'Ce n’est pas une photo que nous savons lire.', reason_truncated: 'Le fichier est tronqué.',
    reason_empty: 'Le fichier est vide.', reason_too_many_pixels: 'Trop de pixels.',
    reason_unsupported_format: 'Ce type de photo n’est pas accepté (JPEG, PNG, TIFF, WebP, HEIC et AVIF le sont).',
    reason_metadata_too_large: 'Ses métadonnées (EXIF, IPTC ou XMP) dépassent la taille permise.',
    cancel: 'Annuler', delete: 'Supprimer', remove: 'Retirer', admin_tools: 'Outils d’édition',
    title_en: 'Titre (anglais)', title_fr: 'Titre (français)',
    description_en: 'Description (anglais)', description_fr: 'Description (français)',
    slug: 'Nom d’adresse', slug_hint: 'Lettres minuscules, chiffres et tirets ; fait partie de l’adresse, p. ex. casablanca-2016',
    start_date: 'Premier jour', end_date: 'Dernier jour', default_credit: 'Crédit par défaut',
    time_zone: 'Fuseau horaire', time_zone_hint: 'Là où elle a lieu, p. ex. Africa/Casablanca : ses photos sont groupées par jour selon l’heure locale',
    time_zone_unknown: '« {zone} » n’est pas un nom de fuseau horaire. Choisissez-en un dans la liste, p. ex. Africa/Casablanca.',
    default_credit_hint: 'Donné aux photos téléversées qui n’en ont pas, p. ex. © OIM 2016',
    edit_meeting: 'Modifier la réunion', delete_meeting: 'Supprimer la réunion',
    delete_meeting_what: 'La réunion « {title} » sera supprimée. Elle ne contient aucun album ni aucune photo.',
    delete_meeting_not_empty: 'Une réunion peut être supprimée une fois vide : elle contient {albums} album(s) et {photos}.',
    visibility: 'Qui la voit', visibility_hint: 'Non répertorié : seulement par son adresse. Privé : éditeurs, lecteurs et liens de partage.',
    visibility_public: 'Tout le monde (public)', visibility_unlisted: 'Qui a l’adresse (non répertorié)',
    visibility_private: 'Personnes connectées et liens de partage (privé)',
    edit_album: 'Modifier l’album', choose_cover: 'Choisir la couverture', cover_pick: 'La couverture de l’album',
    cover_automatic: 'Choisie automatiquement', delete_album: 'Supprimer l’album',
    delete_album_what: 'L’album « {title} » sera supprimé. Ses {photos} restent dans l’archive.',
    delete_album_what_one: 'L’album « {title} » sera supprimé. Sa photo reste dans l’archive.',
    delete_album_empty: 'L’album « {title} » sera supprimé. Il ne contient aucune photo.',
    add_to_album: 'Ajouter à l’album', pick_photos: 'Sélectionnez d’abord des photos.',
    remove_from_album: 'Retirer de l’album', bulk_this_album: 'Cet album ({name})',
    bulk_same_album: 'Choisissez deux albums différents pour l’ajout et le retrait.',
    bulk_line_join: 'Ajoutées à l’album {name} : {photos} ; {same} y sont déjà',
    bulk_line_leave: 'Retirées de l’album {name}, en restant dans l’archive et leurs autres albums : {photos} ; {same} n’y sont pas',
    share_title: 'Liens de partage', share_intro: 'Un lien de partage ouvre cet album, même privé, avec ses photos, jusqu’à son expiration.',
    share_expiry: 'Valable', share_days: '{n} jours', share_days_one: '1 jour', share_create: 'Créer un lien de partage',
    share_url: 'Le nouveau lien (affiché une seule fois : copiez-le)', share_url_hint: 'Valable jusqu’au {at}.',
    share_none: 'Aucun lien de partage.', share_line: 'Lien {id}, créé par {who} le {at}', share_until: 'valable jusqu’au {at}',
    share_forever: 'sans expiration', share_expired: 'expiré le {at}', share_revoke: 'Révoquer', share_revoke_n: 'Révoquer le lien {id}',
    share_revoke_what: 'Le lien {id} cessera aussitôt de fonctionner pour tous ceux qui l’ont.', share_revoked: 'Lien {id} révoqué.',
    reorder_album: 'Réordonner les photos', order_save: 'Enregistrer l’ordre',
    order_hint: 'Faites glisser une photo à sa nouvelle place. Au clavier : Espace saisit une photo, les flèches la déplacent, Espace la pose, Échap la remet en place.',
    order_item: 'Photo {i} sur {n} : {alt}', order_picked: 'Photo {i} sur {n} saisie. Déplacez-la avec les flèches, posez-la avec Espace.',
    order_moved: 'Maintenant à la place {i} sur {n}.', order_dropped: 'Posée à la place {i} sur {n}.', order_cancelled: 'Remise à la place {i} sur {n}.',
    nav_people: 'Utilisateurs et jetons', people_title: 'Utilisateurs et jetons', people_admins_only: 'Cette page est réservée aux administrateurs.',
    role_viewer: 'Lecteur', role_editor: 'Éditeur', role_admin: 'Administrateur', users_title: 'Utilisateurs', user_role: 'Rôle',
    user_role_of: 'Rôle de {name}', user_role_changed: '{name} a maintenant le rôle {role}.', user_you: '{name} (vous)',
    user_state_active: 'Actif', user_state_disabled: 'Désactivé', user_since: 'depuis le {at}',
    user_disable: 'Désactiver', user_enable: 'Réactiver', user_disable_name: 'Désactiver {name}', user_enable_name: 'Réactiver {name}',
    user_disable_what: '{name} ne pourra plus se connecter, et ses sessions ouvertes prennent fin maintenant. Réactiver rétablit le compte.',
    user_disabled: '{name} est désactivé.', user_enabled: '{name} peut de nouveau se connecter.',
    user_password: 'Nouveau mot de passe', user_password_name: 'Nouveau mot de passe pour {name}',
    user_password_what: '{name} se connectera désormais avec ce mot de passe ; ses sessions ouvertes prennent fin maintenant.',
    user_password_self: 'Vous vous connecterez désormais avec ce mot de passe.',
    user_password_set: '{name} a un nouveau mot de passe.', user_add: 'Ajouter un utilisateur', user_added: '{name} est ajouté avec le rôle {role}.',
    tokens_title: 'Jetons d’API', tokens_intro: 'Un jeton permet à un programme d’utiliser l’API avec un rôle, sans mot de passe. Son secret n’est montré qu’une fois, à sa création.',
    token_none: 'Aucun jeton pour l’instant.', token_create: 'Créer un jeton', token_name: 'À quoi il sert', token_name_hint: 'Par exemple : l’importateur du site web',
    token_made: 'créé par {who} le {at}', token_used: 'utilisé pour la dernière fois le {at}', token_unused: 'jamais utilisé',
    token_secret: 'Le secret de « {name} » (montré seulement maintenant : copiez-le)', token_secret_hint: 'Le serveur n’en garde que l’empreinte : il ne peut plus le montrer.',
    token_revoke_name: 'Révoquer le jeton « {name} »', token_revoke_what: 'Le jeton « {name} » cessera aussitôt de fonctionner pour tous les programmes qui l’utilisent.',
    token_revoked: 'Le jeton « {name} » est révoqué.',
    trash_title: 'Corbeille', trash_intro: 'Photos supprimées, les plus récentes d’abord, jusqu’à ce que la corbeille soit vidée.',
    trash_empty_button: 'Vider la corbeille',
    trash_empty_what: '{n} photos seront supprimées définitivement : elles ne pourront plus être restaurées. Leurs fichiers quittent le serveur à son prochain nettoyage (gallery gc).',
    trash_empty_what_one: '1 photo sera supprimée définitivement : elle ne pourra plus être restaurée. Ses fichiers quittent le serveur à son prochain nettoyage (gallery gc).',
    trash_emptied: '{n} photos supprimées définitivement.', trash_emptied_one: '1 photo supprimée définitivement.',
    trash_empty: 'La corbeille est vide.', trash_line: '{name}, supprimée par {who} le {at}', trash_restore: 'Restaurer',
    trash_restore_name: 'Restaurer {name}', trash_restored: '{name} est de retour dans l’archive.',
  },
};

let current = 'en';

// Picks the language for this page and remembers it when ?lang= named it.
export function initLang() {
  const asked = new URLSearchParams(location.search).get('lang');
  let stored = null;
  try { stored = localStorage.getItem(STORAGE_KEY); } catch { /* storage off */ }
  const browser = (navigator.language || 'en').slice(0, 2);
  current = [asked, stored, browser].find((l) => LANGS.includes(l)) || 'en';
  if (LANGS.includes(asked)) remember(asked);
  document.documentElement.lang = current;
  return current;
}

function remember(lang) {
  try { localStorage.setItem(STORAGE_KEY, lang); } catch { /* storage off */ }
}

export function lang() { return current; }

// The address of this page in `lang`.
export function urlInLang(target) {
  const url = new URL(location.href);
  url.searchParams.set('lang', target);
  return url.pathname + url.search + url.hash;
}

// The interface string `key` with {name} placeholders filled from `vars`.
export function t(key, vars = {}) {
  const text = STRINGS[current][key] ?? STRINGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

// Whether the interface has a message in `language` for the API's error `code`.
export function knowsError(code, language) {
  return typeof STRINGS[language]?.['err_' + code] === 'string';
}

// Whether the interface words the upload refusal `reason` (the server's
// `reason` field: unreadable, truncated, ...) in both languages.
export function knowsReason(reason) {
  return typeof STRINGS.en['reason_' + reason] === 'string' && typeof STRINGS.fr['reason_' + reason] === 'string';
}

// What a person is told of a failed request (an ApiError, or a network
// failure): the message for its code in the page's language; in English,
// a refused input also gets the server's reason, which names the field.
export function errorText(err) {
  if (!err || !err.code) return t('err_network');
  const known = knowsError(err.code, current) ? t('err_' + err.code) : t('error', {message: err.code});
  if (current === 'en' && err.code === 'invalid_argument' && err.message) return `${known} ${err.message}`;
  return known;
}

export function photoCount(n) {
  return n === 1 ? t('photo_count_one') : t('photo_count', {n});
}

// The text of `value` ({lang: text}) in the chosen language, else the other
// one, else x-default, else any; '' when there is none.
export function pick(value) {
  if (!value || typeof value !== 'object') return typeof value === 'string' ? value : '';
  const other = current === 'en' ? 'fr' : 'en';
  for (const key of [current, other, 'x-default']) {
    if (typeof value[key] === 'string' && value[key] !== '') return value[key];
  }
  const any = Object.values(value).find((v) => typeof v === 'string' && v !== '');
  return any || '';
}

// A YYYY-MM-DD date (or a date-time) in the chosen language, e.g. "4 July 2016".
export function formatDate(iso) {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(current === 'fr' ? 'fr-FR' : 'en-GB', {dateStyle: 'long', timeZone: 'UTC'}).format(date);
}

export function formatRange(start, end) {
  if (start && end && start !== end) return `${formatDate(start)} – ${formatDate(end)}`;
  return formatDate(start || end);
}

// A date-time as taken ("2016-07-05T09:30:00+01:00") as its day in the
// chosen language, e.g. "Tuesday 5 July 2016": the local day where it was taken.
export function formatDay(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || '');
  if (!m) return '';
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(current === 'fr' ? 'fr-FR' : 'en-GB',
    {weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC'}).format(date);
}

// A UTC date-time ("2016-07-05T09:30:00Z") in the reader's own time zone and
// the chosen language, e.g. "5 July 2016 at 11:30".
export function formatDateTime(iso) {
  const date = new Date(iso || '');
  if (Number.isNaN(date.getTime())) return iso || '';
  return new Intl.DateTimeFormat(current === 'fr' ? 'fr-FR' : 'en-GB', {dateStyle: 'long', timeStyle: 'short'}).format(date);
}
