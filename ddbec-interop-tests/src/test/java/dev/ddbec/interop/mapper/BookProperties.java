package dev.ddbec.interop.mapper;

import java.util.Set;

/** The properties the SDK v1 mapper's and the Enhanced Client's book classes share. */
interface BookProperties {
  void setIsbn(String isbn);

  void setEdition(String edition);

  void setTitle(String title);

  void setGenre(String genre);

  void setPrice(Integer price);

  void setTags(Set<String> tags);

  void setViews(Long views);
}
